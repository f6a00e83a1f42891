import * as pulumi from "@pulumi/pulumi";
import { AppRef, AppService, appsOutput, AppServiceOptions, PlatformStack, StatefulApp } from "@slipway/apps";
import { secretRef } from "@slipway/core";

export interface ShopConfig {
  /** The platform stack this team deploys onto, e.g. "acme/platform/prod". */
  platformStack: string;
  /** The version every service runs. */
  version: string;
  /** The orders service's canary: its version and share of traffic. */
  canary?: { version: string; weight: number };
  /** Images by service, e.g. a digest `slipway promote` wrote (`shop:images` in the stack's config). @default the platform registry's `shop/<service>:<version>` */
  images?: Record<string, string>;
  /** The MySQL and Redis passwords (secrets from config, a vault...). @default generated */
  passwords?: { mysql?: pulumi.Input<string>; redis?: pulumi.Input<string> };
}

/**
 * The shop: nginx front end -> API gateway -> service registry and the order, cart and user services
 * -> MySQL and Redis. Every call path is a declared connection; nothing else can talk.
 */
export async function shop(config: ShopConfig) {
  // Read the platform's outputs first: the tenant's namespace, pull secrets and storage classes come from them.
  const platform = await PlatformStack.load("platform", { stack: config.platformStack });
  const tenant = platform.tenant("shop");
  const image = (name: string, version = config.version) => platform.registry.image(`shop/${name}`, version);
  const stableImage = (name: string) => config.images?.[name] ?? image(name);
  const block = platform.storageClass("block");

  const mysql = new StatefulApp("orders-mysql", { tenant, preset: "mysql", storage: { size: "20Gi", class: block }, credentials: { user: "shop", database: "shop", password: config.passwords?.mysql } });
  const redis = new StatefulApp("cart-redis", { tenant, preset: "redis", storage: { size: "5Gi", class: block }, credentials: { password: config.passwords?.redis } });
  const mysqlEnv = {
    DB_HOST: mysql.fqdn,
    DB_USER: mysql.credentials!.ref("user"),
    DB_PASSWORD: mysql.credentials!.ref("password"),
  };

  const registry = new AppService("registry", { tenant, image: stableImage("registry"), ports: { http: 8761 }, probes: { readiness: { http: { path: "/health" } }, liveness: { http: { path: "/health" }, periodSeconds: 20 } } });
  const service = (name: string, env: Record<string, pulumi.Input<string> | ReturnType<typeof secretRef>>, extra: Partial<AppServiceOptions> = {}) =>
    new AppService(name, {
      tenant,
      image: stableImage(name),
      port: 8080,
      env: { REGISTRY_URL: registry.url, ...env },
      probes: { readiness: { http: { path: "/ready" } }, liveness: { http: { path: "/live" }, periodSeconds: 20 } },
      scale: { min: 2, max: 6, cpuPercent: 70 },
      metrics: {},
      ...extra,
    });
  const orders = service("orders", mysqlEnv, config.canary ? { canary: { image: image("orders", config.canary.version), weight: config.canary.weight } } : {});
  const users = service("users", mysqlEnv);
  const cart = service("cart", { REDIS_HOST: redis.fqdn, REDIS_PASSWORD: redis.credentials!.ref("password") });
  const api = service("api-gateway", { ORDERS_URL: orders.url, CART_URL: cart.url, USERS_URL: users.url });
  const web = new AppService("web", {
    tenant,
    image: config.images?.web ?? "nginxinc/nginx-unprivileged:1.27.3",
    port: 8080,
    files: { "/etc/nginx/conf.d/default.conf": `server {\n  listen 8080;\n  location /api/ { proxy_pass ${api.url}/; }\n  location / { root /usr/share/nginx/html; }\n}\n` },
    expose: { host: platform.hostFor("shop", tenant), gateway: platform.gateway },
  });

  // Who calls whom, and nothing more.
  web.connectTo(api);
  for (const target of [orders, cart, users, registry]) api.connectTo(target);
  for (const caller of [orders, cart, users]) caller.connectTo(registry);
  orders.connectTo(mysql);
  users.connectTo(mysql);
  cart.connectTo(redis);
  // Across tenants: orders calls the payments API of the payments team's stack. This stack writes only
  // its egress; the platform grants shop -> payments, and payments writes the ingress (examples/payments).
  orders.connectTo(new AppRef("payments-api", { tenant: platform.tenant("payments"), ports: { http: 8080 } }));

  return { url: web.externalUrl, apps: appsOutput([web, api, orders, cart, users, registry]), ordersCanary: orders.plan.objects.some((o) => o.metadata.name === "orders-canary") };
}
