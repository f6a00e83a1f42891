import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite, RegistryHandle, siteOf, SlipwayComponent } from "@slipway/core";
import { RegistryArgs } from "./args";
import { customerManagedKey } from "../kms";
import { buildEcr, EcrPlan, planEcr } from "./ecr";
import { buildHarbor, HarborPlan, planHarbor, RobotCredentials } from "./harbor";
import { checkRepositoryName, checkTag } from "./names";

type RegistryPlan = { kind: "ecr"; ecr: EcrPlan } | { kind: "harbor"; harbor: HarborPlan };

function planRegistry(site: InputSite, args: RegistryArgs): RegistryPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  if (args.kind === "ecr") return { kind: "ecr", ecr: planEcr(site, args) };
  if (args.kind === "harbor") return { kind: "harbor", harbor: planHarbor(site, args, args.cluster?.imageMirror) };
  return fail(site, "kind", (args as { kind?: unknown }).kind, 'must be "ecr" or "harbor"');
}

/**
 * A private container registry: ECR repositories, or Harbor in the cluster. Gives image references,
 * a pull secret for tenants (Harbor; ECR pulls go through node roles), and the mirror every platform
 * image can come from on air-gapped sites.
 */
export class Registry extends SlipwayComponent implements RegistryHandle {
  readonly kind: "ecr" | "harbor";
  /** Docker config JSON for tenants' image pull secret (a Pulumi secret); Harbor only. */
  readonly pullSecretDockerConfig?: pulumi.Output<string>;
  /** Where mirrored platform images live, e.g. "harbor.corp.example/mirror" (give it to Cluster `imageMirror`). */
  readonly imageMirror: pulumi.Input<string>;
  /** ECR: the repositories by name. */
  readonly repositories?: Record<string, aws.ecr.Repository>;
  /** ECR: the role CI assumes to push. */
  readonly pushRole?: aws.iam.Role;
  /** Harbor: the generated admin password (a Pulumi secret). */
  readonly adminPassword?: pulumi.Output<string>;
  /** Harbor: robot logins by "<project>+<name>" (passwords are Pulumi secrets). */
  readonly robots?: Record<string, RobotCredentials>;
  private readonly plan: RegistryPlan;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planRegistry(siteOf("Registry", name), args);
    super("cluster", "Registry", name, opts);
    this.plan = plan;
    this.kind = plan.kind;
    if (plan.kind === "ecr" && args.kind === "ecr") {
      const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
      const region = aws.getRegionOutput({}, { parent: this }).region;
      // ECR.5: a customer-managed key, never the AWS-managed one.
      const kmsKeyArn = args.kmsKeyArn ?? customerManagedKey(`${name}-images`, "Images of the platform's ECR repositories", region, { ecr: true }, this.childOptions()).arn;
      const built = buildEcr(name, plan.ecr, kmsKeyArn, account, this.childOptions());
      this.repositories = built.repositories;
      this.pushRole = built.pushRole;
      this.imageMirror = pulumi.interpolate`${account}.dkr.ecr.${region}.amazonaws.com/${plan.ecr.mirrorPrefix}`;
    } else if (plan.kind === "harbor" && args.kind === "harbor") {
      // The component's dependsOn (the platform passes cert-manager) orders Harbor's token certificate after its operator.
      const built = buildHarbor(name, plan.harbor, args, this, opts?.dependsOn);
      this.adminPassword = built.adminPassword;
      this.pullSecretDockerConfig = built.pullSecretDockerConfig;
      this.robots = built.robots;
      this.imageMirror = `${plan.harbor.host}/${plan.harbor.mirrorProject}`;
    } else {
      this.imageMirror = "";
    }
    this.done({ kind: this.kind, imageMirror: this.imageMirror, pullSecretDockerConfig: this.pullSecretDockerConfig });
  }

  /** A full image reference: `registry.image("shop/cart", "1.4.2")`. Only declared repositories/projects, never "latest". */
  image(repository: string, tag: string): pulumi.Input<string> {
    checkRepositoryName(this.site, "image.repository", repository);
    checkTag(this.site, "image.tag", tag);
    if (this.plan.kind === "ecr") {
      const found = this.repositories?.[repository];
      if (!found) return fail(this.site, "image.repository", repository, "is not one of the registry's repositories", `use one of: ${this.plan.ecr.repositories.join(", ")}`);
      return pulumi.interpolate`${found.repositoryUrl}:${tag}`;
    }
    const harbor = this.plan.harbor;
    const project = repository.split("/")[0];
    const projects = [...harbor.projects.map((p) => p.name), ...harbor.proxyCaches.map((c) => c.project)];
    if (!repository.includes("/") || !projects.includes(project)) {
      return fail(this.site, "image.repository", repository, "is not in one of the registry's projects", `start it with one of: ${projects.map((p) => `${p}/`).join(", ")}`);
    }
    return `${harbor.host}/${repository}:${tag}`;
  }
}
