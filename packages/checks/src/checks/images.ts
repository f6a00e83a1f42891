import { parseImage } from "@slipway/core";
import { objectCheck } from "../define";
import { containersOf, podTemplateOf } from "../pods";

export const pinnedImages = objectCheck(
  { id: "S14", title: "Images carry an explicit tag that is not latest, or a digest", tools: ["KL:latest-tag", "KS:container-image-tag", "PO:tagNotSpecified"] },
  (m, report) => {
    const pod = podTemplateOf(m);
    if (!pod) return;
    for (const ref of containersOf(pod)) {
      const image = ref.container.image;
      if (typeof image !== "string") continue;
      const parsed = parseImage(image);
      const field = `${ref.path}.image`;
      if (!parsed) report(m, field, `"${image}" is not an image reference`, 'e.g. "registry.example/acme/cart:1.4.2"');
      else if (!parsed.tag && !parsed.digest) report(m, field, `"${image}" has no tag or digest`, "pin a version tag, or better a @sha256 digest");
      else if (parsed.tag === "latest" && !parsed.digest) report(m, field, `"${image}" uses the mutable tag latest`, "pin a version tag, or better a @sha256 digest");
    }
  },
);
