import * as pulumi from "@pulumi/pulumi";
import {
  buildContainer,
  buildEnv,
  buildPodSpec,
  buildResources,
  configRef,
  DEFAULT_PROFILE,
  mergeProfiles,
  mount,
  normalizePorts,
  secretRef,
  servicePorts,
  SlipwayInputError,
  VolumeSet,
} from "@slipway/core";
import { settle } from "./support";

pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs });

const site = { component: "Test", name: "demo" };

describe("env maps", () => {
  it("renders plain values, numbers and references", () => {
    expect(buildEnv(site, "env", { A: "x", B: 3, C: true, D: secretRef("creds", "password"), E: configRef("settings", "mode") })).toEqual([
      { name: "A", value: "x" },
      { name: "B", value: "3" },
      { name: "C", value: "true" },
      { name: "D", valueFrom: { secretKeyRef: { name: "creds", key: "password" } } },
      { name: "E", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } },
    ]);
  });

  it("keeps secret references as references: the secret value never becomes a plain env value", () => {
    const env = buildEnv(site, "env", { PASSWORD: secretRef("db", "password") });
    expect(env[0]).not.toHaveProperty("value");
    expect(env[0].valueFrom).toEqual({ secretKeyRef: { name: "db", key: "password" } });
  });

  it("refuses a secret Output as a plain value when it resolves", async () => {
    const [entry] = buildEnv(site, "env", { TOKEN: pulumi.secret("env-builder-secret") });
    const error = await settle(entry.value).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayInputError);
    expect((error as Error).message).toBe('Test "demo": env.TOKEN ("[secret]") is a secret given as a plain env value. Fix: pass it as a secret (e.g. `secrets:`) so it reaches the pod through a Secret and secretKeyRef');
  });

  it("passes a non-secret Output through", async () => {
    const [entry] = buildEnv(site, "env", { HOST: pulumi.output("db.shop.svc") });
    expect(await settle(entry.value)).toBe("db.shop.svc");
  });

  it.each([
    [{ "1A": "x" }, "env.1A"],
    [{ "A=B": "x" }, "env.A=B"],
    [{ "": "x" }, "env."],
    [{ A: undefined as unknown as string }, "env.A"],
  ])("rejects %p", (map, field) => {
    expect(() => buildEnv(site, "env", map)).toThrow(SlipwayInputError);
    expect(() => buildEnv(site, "env", map)).toThrow(`Test "demo": ${field} (`);
  });

  it("rejects a key set by two maps", () => {
    expect(() => buildEnv(site, "env", { A: "1" }, { A: "2" })).toThrow(/Test "demo": env.A \("A"\) is set twice/);
  });
});

describe("port maps", () => {
  it("normalizes numbers and full specs, and targets container ports by name", () => {
    const ports = normalizePorts(site, "ports", { http: 8080, dns: { port: 53, targetPort: 5353, protocol: "UDP" } });
    expect(ports).toEqual([
      { name: "http", port: 8080, containerPort: 8080, protocol: "TCP" },
      { name: "dns", port: 53, containerPort: 5353, protocol: "UDP" },
    ]);
    expect(servicePorts(ports)[1]).toEqual({ name: "dns", port: 53, targetPort: "dns", protocol: "UDP" });
  });

  it("allows one number for TCP and UDP", () => {
    expect(normalizePorts(site, "ports", { dns: 53, "dns-udp": { port: 53, protocol: "UDP" } })).toHaveLength(2);
  });

  it.each([
    [{ http: 0 }, "ports.http.port"],
    [{ http: 65536 }, "ports.http.port"],
    [{ Http: 80 }, "ports.Http"],
    [{ "123": 80 }, "ports.123"],
    [{ a: 80, b: 80 }, "ports.b"],
    [{ a: { port: 80, protocol: "ICMP" } }, "ports.a.protocol"],
  ])("rejects %p", (map, field) => {
    expect(() => normalizePorts(site, "ports", map as never)).toThrow(`Test "demo": ${field} (`);
  });
});

describe("mounts", () => {
  it("adds a volume mounted twice exactly once", () => {
    const volumes = new VolumeSet(site);
    const first = volumes.mount("c[0]", mount({ kind: "configMap", object: "settings" }).at("/etc/app"));
    const second = volumes.mount("c[1]", mount({ kind: "configMap", object: "settings" }).at("/config"));
    expect(first.name).toBe(second.name);
    expect(volumes.volumes()).toEqual([{ name: "cm-settings", configMap: { name: "settings" } }]);
    expect(first).toEqual({ name: "cm-settings", mountPath: "/etc/app", readOnly: true });
  });

  it("adds a volume shared by two containers of a pod once", () => {
    const shared = { kind: "secret", object: "tls" } as const;
    const { spec } = buildPodSpec(
      site,
      "spec",
      {
        serviceAccountName: "demo",
        containers: [
          { name: "web", image: "nginx:1.27.3", ports: { http: 8080 }, mounts: [{ source: shared, mountPath: "/tls" }] },
          { name: "sidecar", image: "busybox:1.36.1", mounts: [{ source: shared, mountPath: "/certs" }] },
        ],
      },
      DEFAULT_PROFILE,
    );
    const names = (spec.volumes as { name: string }[]).map((v) => v.name);
    expect(names.filter((n) => n === "secret-tls")).toHaveLength(1);
    expect(names).toEqual(["secret-tls", "web-tmp", "sidecar-tmp"]);
  });

  it("treats one Output-named object mounted twice as one volume, two objects as two", () => {
    const volumes = new VolumeSet(site);
    const resource = { metadata: pulumi.output({ name: "late" }) };
    volumes.mount("a", { source: { kind: "configMap", object: resource }, mountPath: "/a", volumeName: "late" });
    volumes.mount("b", { source: { kind: "configMap", object: resource }, mountPath: "/b", volumeName: "late" });
    expect(volumes.volumes()).toHaveLength(1);
    const other = { metadata: pulumi.output({ name: "other" }) };
    expect(() => volumes.mount("c", { source: { kind: "configMap", object: other }, mountPath: "/c", volumeName: "late" })).toThrow(/c.volumeName \("late"\) names two different volumes/);
  });

  it.each([
    [{ source: { kind: "emptyDir" }, mountPath: "relative" }, "m.mountPath"],
    [{ source: { kind: "configMap", object: pulumi.output("x") }, mountPath: "/x" }, "m.volumeName"],
    [{ source: { kind: "configMap", object: "x" }, mountPath: "/x", volumeName: "Bad_Name" }, "m.volumeName"],
  ])("rejects %p", (spec, field) => {
    expect(() => new VolumeSet(site).mount("m", spec as never)).toThrow(`Test "demo": ${field} (`);
  });

  it("rejects one name for two sources", () => {
    const volumes = new VolumeSet(site);
    volumes.mount("a", { source: { kind: "configMap", object: "one" }, mountPath: "/a", volumeName: "data" });
    expect(() => volumes.mount("b", { source: { kind: "secret", object: "two" }, mountPath: "/b", volumeName: "data" })).toThrow(/names two different volumes/);
  });
});

describe("resources", () => {
  it("uses the profile's preset, explicit overrides and an explicit null CPU limit", () => {
    expect(buildResources(site, "r", DEFAULT_PROFILE, undefined)).toEqual({
      requests: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "64Mi" },
      limits: { cpu: "500m", memory: "256Mi", "ephemeral-storage": "1Gi" },
    });
    expect(buildResources(site, "r", DEFAULT_PROFILE, "large", null).limits).toEqual({ memory: "1Gi", "ephemeral-storage": "2Gi" });
    expect(buildResources(site, "r", DEFAULT_PROFILE, { requests: { memory: "1Gi" } }).limits).toMatchObject({ memory: "1Gi" });
  });

  it.each([
    ["tiny", "r"],
    [{ requests: { cpu: "-1" } }, "r.requests.cpu"],
    [{ requests: { memory: "1x" } }, "r.requests.memory"],
    [{ limits: { memory: "128Mi" } }, "r.limits.memory"],
    [{ limits: { ephemeralStorage: "10" } }, "r.limits.ephemeralStorage"],
  ])("rejects %p", (spec, field) => {
    expect(() => buildResources(site, "r", DEFAULT_PROFILE, spec as never)).toThrow(`Test "demo": ${field} (`);
  });
});

describe("containers and pods", () => {
  it("applies the secure profile to every container, init containers included", () => {
    const { spec } = buildPodSpec(
      site,
      "spec",
      { serviceAccountName: "demo", containers: [{ image: "ghcr.io/acme/cert-manager:v1.15.0", ports: { http: 8080 } }], initContainers: [{ name: "init", image: "busybox:1.36.1" }] },
      DEFAULT_PROFILE,
    );
    for (const c of [...(spec.containers as object[]), ...(spec.initContainers as object[])]) {
      expect(c).toMatchObject({ securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } } });
    }
    expect((spec.containers as { name: string }[])[0].name).toBe("cert-manager");
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  it("lets a profile override weaken a default only explicitly", () => {
    const profile = mergeProfiles(DEFAULT_PROFILE, { containerSecurityContext: { readOnlyRootFilesystem: false }, size: "large" });
    const { container } = buildContainer(site, "c", { image: "nginx:1.27.3", ports: { http: 80 } }, profile, new VolumeSet(site));
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: false, allowPrivilegeEscalation: false });
    expect(container.volumeMounts).toBeUndefined();
    expect(DEFAULT_PROFILE.containerSecurityContext.readOnlyRootFilesystem).toBe(true);
  });

  it("removes optional profile fields with null and replaces arrays", () => {
    const profile = mergeProfiles(DEFAULT_PROFILE, { podSecurityContext: { fsGroup: 2000 } }, { spreadTopologyKeys: ["kubernetes.io/hostname"] }, { podSecurityContext: { fsGroup: null } });
    expect(profile.podSecurityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(profile.spreadTopologyKeys).toEqual(["kubernetes.io/hostname"]);
  });

  it.each([
    [{ image: "" }, "c.image"],
    [{ image: "nginx:1.27.3", name: "Web" }, "c.name"],
    [{ image: "nginx:1.27.3", probes: { readiness: { exec: { command: [] } } } }, "c.probes.readiness.exec.command"],
    [{ image: "nginx:1.27.3", probes: { readiness: { tcp: {} } } }, "c.probes.readiness.tcp.port"],
    [{ image: "nginx:1.27.3", ports: { http: 80 }, probes: { readiness: { tcp: {}, periodSeconds: 0 } } }, "c.probes.readiness.periodSeconds"],
    [{ image: "nginx:1.27.3", ports: { http: 80 }, probes: { readiness: {} } }, "c.probes.readiness"],
  ])("rejects container %p", (spec, field) => {
    expect(() => buildContainer(site, "c", spec as never, DEFAULT_PROFILE, new VolumeSet(site))).toThrow(`Test "demo": ${field} (`);
  });

  it("rejects two containers with one name", () => {
    expect(() =>
      buildPodSpec(site, "spec", { serviceAccountName: "x", containers: [{ name: "a", image: "nginx:1.27.3" }, { name: "a", image: "busybox:1.36.1" }] }, DEFAULT_PROFILE),
    ).toThrow(/spec.containers\[1\].name \("a"\) is used by two containers/);
  });
});
