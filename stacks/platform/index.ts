import * as pulumi from "@pulumi/pulumi";
import { Tenant } from "@slipway/apps";

/** The platform program: reads the stack's typed config and composes the platform. */
const config = new pulumi.Config("platform");
const tenants = config.requireObject<{ name: string; quota?: { cpu?: string; memory?: string } }[]>("tenants");

export const tenantNamespaces = tenants.map((t) => new Tenant(t.name, { quota: t.quota }).namespace);
