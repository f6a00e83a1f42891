import { harborEndpointProvider, HarborEndpointInputs, harborProjectProvider, harborReplicationProvider, HarborReplicationInputs } from "@slipway/cluster";
import { FakeHarbor, must, useFakeHarbor } from "./fake-harbor";

const PASSWORD = "fake-harbor-admin-9d2f41";
const REMOTE_SECRET = "fake-remote-robot-secret-77a1";

describe("Harbor replication and proxy caches against Harbor's API", () => {
  const fake = useFakeHarbor(PASSWORD);
  let harbor: FakeHarbor;
  let connection: { url: string; username: string; password: string };
  beforeEach(() => {
    harbor = fake.harbor();
    connection = fake.connection();
  });

  const site = (): HarborEndpointInputs => ({ ...connection, name: "site-b", type: "harbor", endpointUrl: "https://harbor.site-b.example", accessKey: "robot$replicator", accessSecret: REMOTE_SECRET });

  it("registers another site's Harbor as an endpoint with its robot login, updates the login in place, deletes it", async () => {
    const created = await harborEndpointProvider.create(site());
    const outs = must(created.outs);
    expect(outs.registryId).toBe(1);
    expect(harbor.registries.get(1)).toEqual({ id: 1, name: "site-b", type: "harbor", url: "https://harbor.site-b.example", insecure: false, credential: { type: "basic", access_key: "robot$replicator", access_secret: REMOTE_SECRET } });
    // Harbor hides the secret when read: the state keeps the one given.
    const read = await must(harborEndpointProvider.read)(created.id, outs);
    expect(read.props).toMatchObject({ registryId: 1, accessKey: "robot$replicator", accessSecret: REMOTE_SECRET, endpointUrl: "https://harbor.site-b.example" });
    const diff = must(harborEndpointProvider.diff);
    expect(await diff(created.id, outs, { ...site(), accessSecret: "fake-rotated-secret" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await diff(created.id, outs, { ...site(), type: "docker-registry" })).toMatchObject({ replaces: ["type"] });
    await must(harborEndpointProvider.update)(created.id, outs, { ...site(), accessSecret: "fake-rotated-secret" });
    expect(harbor.registries.get(1)?.credential?.access_secret).toBe("fake-rotated-secret");
    await must(harborEndpointProvider.delete)(created.id, outs);
    expect(harbor.registries.size).toBe(0);
  });

  it("pushes a project to the endpoint on every push, or on a schedule; updated in place", async () => {
    const endpoint = must((await harborEndpointProvider.create(site())).outs);
    const inputs: HarborReplicationInputs = { ...connection, name: "shop-to-site-b", destRegistryId: endpoint.registryId, filter: "shop/**", deletion: false };
    const created = await harborReplicationProvider.create(inputs);
    const outs = must(created.outs);
    expect(harbor.policies.get(outs.policyId)).toMatchObject({
      name: "shop-to-site-b",
      dest_registry: { id: 1 },
      filters: [{ type: "name", value: "shop/**" }],
      trigger: { type: "event_based" },
      deletion: false,
      override: true,
      enabled: true,
    });
    expect(await must(harborReplicationProvider.read)(created.id, outs)).toEqual({ id: created.id, props: outs });
    const scheduled = { ...inputs, cron: "0 0 2 * * *", deletion: true };
    expect(await must(harborReplicationProvider.diff)(created.id, outs, scheduled)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    await must(harborReplicationProvider.update)(created.id, outs, scheduled);
    expect(harbor.policies.get(outs.policyId)).toMatchObject({ trigger: { type: "scheduled", trigger_settings: { cron: "0 0 2 * * *" } }, deletion: true });
    expect((await must(harborReplicationProvider.read)(created.id, outs)).props).toMatchObject({ cron: "0 0 2 * * *", deletion: true });
    // An endpoint in use cannot go first: the policy is deleted, then the endpoint.
    await expect(must(harborEndpointProvider.delete)(String(endpoint.registryId), endpoint)).rejects.toThrow("answered 412");
    await must(harborReplicationProvider.delete)(created.id, outs);
    await must(harborEndpointProvider.delete)(String(endpoint.registryId), endpoint);
    expect([harbor.policies.size, harbor.registries.size]).toEqual([0, 0]);
  });

  it("a policy to an endpoint Harbor does not have fails with Harbor's answer, never the password", async () => {
    const error = await harborReplicationProvider.create({ ...connection, name: "x", destRegistryId: 42, filter: "shop/**", deletion: false }).catch((e: Error) => e);
    expect((error as Error).message).toContain("POST /replication/policies answered 400");
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it("makes a proxy-cache project over an upstream endpoint; changing the upstream replaces the project", async () => {
    const upstream = must((await harborEndpointProvider.create({ ...connection, name: "upstream-dockerhub", type: "docker-hub", endpointUrl: "https://hub.docker.com" })).outs);
    expect(harbor.registries.get(upstream.registryId)?.credential).toBeUndefined();
    const project = { ...connection, name: "dockerhub", public: false, registryId: upstream.registryId };
    const created = must((await harborProjectProvider.create(project)).outs);
    expect(harbor.projects.get(created.projectId)).toMatchObject({ name: "dockerhub", registry_id: upstream.registryId });
    expect(await must(harborProjectProvider.diff)(String(created.projectId), created, { ...project, registryId: 99 })).toMatchObject({ replaces: ["registryId"] });
  });
});
