import { checkImage, containerNameFromImage, formatImage, ImageRef, InputSite, isDns1123Label, parseImage } from "@slipway/core";

import { expectInputError } from "./support";

const site: InputSite = { component: "AppService", name: "cart" };
const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;


const PARSED: [string, ImageRef][] = [
  ["nginx:1.27.3", { repository: "nginx", tag: "1.27.3" }],
  ["nginx", { repository: "nginx" }],
  ["acme/cart:1.4.2", { repository: "acme/cart", tag: "1.4.2" }],
  ["ghcr.io/acme/cert-manager:v1", { registry: "ghcr.io", repository: "acme/cert-manager", tag: "v1" }],
  ["quay.io/ceph/ceph:v18.2.4", { registry: "quay.io", repository: "ceph/ceph", tag: "v18.2.4" }],
  ["localhost:5000/app:1.0", { registry: "localhost:5000", repository: "app", tag: "1.0" }],
  ["localhost:5000/app", { registry: "localhost:5000", repository: "app" }],
  ["localhost/app:1", { registry: "localhost", repository: "app", tag: "1" }],
  ["10.0.0.5:5000/shop/cart:2", { registry: "10.0.0.5:5000", repository: "shop/cart", tag: "2" }],
  ["[::1]:5000/app:1", { registry: "[::1]:5000", repository: "app", tag: "1" }],
  ["Registry.Example.com/team/app:1", { registry: "Registry.Example.com", repository: "team/app", tag: "1" }],
  ["registry.example.com:8443/team/sub/app:2024.01.01-rc_1", { registry: "registry.example.com:8443", repository: "team/sub/app", tag: "2024.01.01-rc_1" }],
  ["my_org/my__app.v2:1", { repository: "my_org/my__app.v2", tag: "1" }],
  ["a-b--c/x:_1", { repository: "a-b--c/x", tag: "_1" }],
  [`nginx@${DIGEST}`, { repository: "nginx", digest: DIGEST }],
  [`nginx:1.27@${DIGEST}`, { repository: "nginx", tag: "1.27", digest: DIGEST }],
  [`ghcr.io/acme/cart@${DIGEST}`, { registry: "ghcr.io", repository: "acme/cart", digest: DIGEST }],
  [`app:${"a".repeat(128)}`, { repository: "app", tag: "a".repeat(128) }],
];

describe("parseImage", () => {
  it.each(PARSED)("splits %p", (text, expected) => {
    const ref = parseImage(text);
    expect(ref).toEqual(expected);
    // Absent parts are undefined, not empty strings.
    for (const key of ["registry", "tag", "digest"] as const) if (!(key in expected)) expect(ref?.[key]).toBeUndefined();
  });

  it("parses ghcr.io/acme/cert-manager:v1 into registry, repository and tag", () => {
    const ref = parseImage("ghcr.io/acme/cert-manager:v1");
    expect(ref?.registry).toBe("ghcr.io");
    expect(ref?.repository).toBe("acme/cert-manager");
    expect(ref?.tag).toBe("v1");
  });
});

describe("formatImage", () => {
  it.each(PARSED)("gives %p back from its parts", (text, ref) => {
    expect(formatImage(ref)).toBe(text);
  });
});

describe("checkImage", () => {
  it.each([
    ["nginx:1.27.3", "1.27.3", undefined],
    ["ghcr.io/acme/cart:1.4.2", "1.4.2", undefined],
    ["localhost:5000/app:1.0", "1.0", undefined],
    [`nginx@${DIGEST}`, undefined, DIGEST],
    [`app:latest@${DIGEST}`, "latest", DIGEST],
  ])("accepts %p pinned by tag %p or digest %p", (image, tag, digest) => {
    const ref = checkImage(site, "image", image);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it.each<[unknown, string]>([
    ["nginx", "has no tag or digest"],
    ["ghcr.io/acme/cart", "has no tag or digest"],
    ["localhost:5000/app", "has no tag or digest"],
    ["nginx:latest", 'uses the mutable tag "latest"'],
    ["ghcr.io/acme/cart:latest", 'uses the mutable tag "latest"'],
    ["", "is not an image reference"],
    ["Nginx:1", "is not an image reference"],
    ["nginx:", "is not an image reference"],
    ["nginx:1 .0", "is not an image reference"],
    ["nginx:1.0 ", "is not an image reference"],
    [":1.0", "is not an image reference"],
    ["nginx:-1", "is not an image reference"],
    [`nginx:${"a".repeat(129)}`, "is not an image reference"],
    ["nginx@sha256:abc", "is not an image reference"],
    [`nginx@${DIGEST.toUpperCase()}`, "is not an image reference"],
    [`nginx@md5:${"0".repeat(32)}`, "is not an image reference"],
    ["nginx@", "is not an image reference"],
    [`nginx@${DIGEST}@${DIGEST}`, "is not an image reference"],
    ["acme//cart:1", "is not an image reference"],
    ["acme/cart/:1", "is not an image reference"],
    ["/cart:1", "is not an image reference"],
    ["acme/-cart:1", "is not an image reference"],
    ["acme/cart-:1", "is not an image reference"],
    ["acme/ca..rt:1", "is not an image reference"],
    ["acme/ca___rt:1", "is not an image reference"],
    ["my registry.io/app:1", "is not an image reference"],
    ["a..b.io/app:1", "is not an image reference"],
    ["-ghcr.io/app:1", "is not an image reference"],
    ["ghcr.io:/acme/app:1", "is not an image reference"],
    ["ghcr.io:abc/app:1", "is not an image reference"],
    ["https://ghcr.io/acme/cart:1", "is not an image reference"],
    [42, "is not an image reference"],
    [null, "is not an image reference"],
    [undefined, "is not an image reference"],
    [{ repository: "nginx", tag: "1" }, "is not an image reference"],
  ])("rejects %p (%s)", (value, problem) => {
    expectInputError(() => checkImage(site, "image", value), "image", value, problem);
  });

  it("accepts a name of 255 characters but not 256", () => {
    const name = `ghcr.io/${"a".repeat(247)}`;
    expect(name).toHaveLength(255);
    expect(checkImage(site, "image", `${name}:1`).repository).toHaveLength(247);
    expectInputError(() => checkImage(site, "image", `${name}a:1`), "image", `${name}a:1`, "is not an image reference");
  });

  it("tells how to pin an unpinned image", () => {
    expect(() => checkImage(site, "image", "nginx")).toThrow('Fix: pin a version, e.g. "nginx:1.27.3"');
    expect(() => checkImage(site, "image", "nginx:latest")).toThrow("Fix: pin a version tag or a digest");
  });
});

describe("containerNameFromImage", () => {
  it.each([
    ["ghcr.io/acme/cert-manager:v1", "cert-manager"],
    ["quay.io/jetstack/cert-manager-controller:v1.15.0", "cert-manager-controller"],
    ["nginx:1.27", "nginx"],
    [`nginx@${DIGEST}`, "nginx"],
    ["localhost:5000/app:1.0", "app"],
    ["acme/my_app:1", "my-app"],
    ["acme/my__app.v2:1", "my-app-v2"],
    [`acme/${"a".repeat(70)}:1`, "a".repeat(63)],
    [`acme/${"a".repeat(62)}-b:1`, "a".repeat(62)],
    ["Not An Image", "not-an-image"],
    ["", "app"],
    ["___", "app"],
  ])("names the container of %p %p", (image, name) => {
    expect(containerNameFromImage(image)).toBe(name);
    expect(isDns1123Label(containerNameFromImage(image))).toBe(true);
  });
});
