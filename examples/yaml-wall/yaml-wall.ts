import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AppService, appsOutput, Tenant, TenantArgs } from "@slipway/apps";

const NGINX_CONF = `server {
  listen 8080;
  location / { root /usr/share/nginx/html; }
}
`;

/** The office network the load balancer serves (documentation range; use your own). */
export const OFFICE = "198.51.100.0/24";

/** What a stack may choose. */
export interface YamlWallOptions {
  /** The app password (a secret from config, a vault...). @default a generated 24-character password */
  appPassword?: pulumi.Input<string>;
  /** The nginx image. @default "nginxinc/nginx-unprivileged:1.27.3" */
  image?: string;
  /** The cluster's DNS resolver (a platform's `clusterDns` output), so the tenant's default deny lets pods resolve names. @default kube-dns pods in kube-system */
  dns?: TenantArgs["dns"];
}

/**
 * The YAML wall: an nginx Deployment of 3 replicas with a ConfigMap mounted at /app/config, a Secret
 * with a generated app password and a database password from config as env vars, and a LoadBalancer
 * Service on port 80. About 150 lines of YAML; here two typed calls, secure and highly available:
 * the namespace is a Tenant (Pod Security restricted, default deny, quota allowing one load balancer),
 * and the LoadBalancer is a named exception that admits the office network only.
 */
export function yamlWall(dbPassword: pulumi.Output<string>, options: YamlWallOptions = {}) {
  const appPassword = options.appPassword ?? new random.RandomPassword("app-password", { length: 24, special: false }).result;
  const web = new Tenant("web", { quota: { cpu: "4", memory: "8Gi", loadBalancers: 1 }, dns: options.dns });
  const nginx = new AppService("nginx", {
    tenant: web,
    image: options.image ?? "nginxinc/nginx-unprivileged:1.27.3",
    ports: { http: { port: 80, targetPort: 8080 } },
    replicas: 3,
    serviceType: "LoadBalancer",
    exposureReason: "the classic YAML wall: an office-only load balancer in front of nginx, without the platform gateway",
    loadBalancerSourceRanges: [OFFICE],
    files: { "/app/config/nginx.conf": NGINX_CONF },
    secrets: { APP_PASSWORD: appPassword, DB_PASSWORD: dbPassword },
    writablePaths: ["/tmp", "/var/cache/nginx"],
  });
  return { service: nginx.serviceName, url: nginx.url, apps: appsOutput([nginx]) };
}
