import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AppService } from "@slipway/apps";

const NGINX_CONF = `server {
  listen 8080;
  location / { root /usr/share/nginx/html; }
}
`;

/** What a stack may choose. */
export interface YamlWallOptions {
  /** The app password (a secret from config, a vault...). @default a generated 24-character password */
  appPassword?: pulumi.Input<string>;
  /** The nginx image. @default "nginxinc/nginx-unprivileged:1.27.3" */
  image?: string;
}

/**
 * The YAML wall: an nginx Deployment of 3 replicas with a ConfigMap mounted at /app/config, a Secret
 * with a generated app password and a database password from config as env vars, and a LoadBalancer
 * Service on port 80. About 150 lines of YAML; here one typed call, secure and highly available.
 */
export function yamlWall(dbPassword: pulumi.Output<string>, options: YamlWallOptions = {}) {
  const appPassword = options.appPassword ?? new random.RandomPassword("app-password", { length: 24, special: false }).result;
  const nginx = new AppService("nginx", {
    namespace: "web",
    image: options.image ?? "nginxinc/nginx-unprivileged:1.27.3",
    ports: { http: { port: 80, targetPort: 8080 } },
    replicas: 3,
    serviceType: "LoadBalancer",
    files: { "/app/config/nginx.conf": NGINX_CONF },
    secrets: { APP_PASSWORD: appPassword, DB_PASSWORD: dbPassword },
    writablePaths: ["/tmp", "/var/cache/nginx"],
  });
  return { service: nginx.serviceName, url: nginx.url };
}
