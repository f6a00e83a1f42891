import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AppService } from "@slipway/apps";

const NGINX_CONF = `server {
  listen 8080;
  location / { root /usr/share/nginx/html; }
}
`;

/**
 * The YAML wall: an nginx Deployment of 3 replicas with a ConfigMap mounted at /app/config, a Secret
 * with a generated app password and a database password from config as env vars, and a LoadBalancer
 * Service on port 80. About 150 lines of YAML; here one typed call, secure and highly available.
 */
export function yamlWall(dbPassword: pulumi.Output<string>) {
  const appPassword = new random.RandomPassword("app-password", { length: 24, special: false });
  const nginx = new AppService("nginx", {
    namespace: "web",
    image: "nginxinc/nginx-unprivileged:1.27.3",
    ports: { http: { port: 80, targetPort: 8080 } },
    replicas: 3,
    serviceType: "LoadBalancer",
    files: { "/app/config/nginx.conf": NGINX_CONF },
    secrets: { APP_PASSWORD: appPassword.result, DB_PASSWORD: dbPassword },
    writablePaths: ["/tmp", "/var/cache/nginx"],
  });
  return { service: nginx.serviceName, url: nginx.url };
}
