import { harborProjectProvider, harborRobotProvider, HarborProjectInputs, HarborRobotInputs } from "@slipway/cluster";
import { FakeHarbor, must, useFakeHarbor } from "./fake-harbor";

const PASSWORD = "fake-harbor-admin-5c1e7b";

describe("Harbor dynamic providers against Harbor's API", () => {
  const fake = useFakeHarbor(PASSWORD);
  let harbor: FakeHarbor;
  let connection: { url: string; username: string; password: string };
  beforeEach(() => {
    harbor = fake.harbor();
    connection = fake.connection();
  });

  describe("projects", () => {
    const inputs = (): HarborProjectInputs => ({ ...connection, name: "shop", public: false });

    it("creates, reads, updates and deletes a project", async () => {
      const created = await harborProjectProvider.create(inputs());
      const outs = must(created.outs);
      expect(created.id).toBe("1");
      expect(outs).toMatchObject({ name: "shop", public: false, projectId: 1 });
      expect(harbor.projects.get(1)).toEqual({ project_id: 1, name: "shop", metadata: { public: "false" } });

      const read = await must(harborProjectProvider.read)(created.id, outs);
      expect(read).toEqual({ id: "1", props: { ...outs } });

      const updated = await must(harborProjectProvider.update)(created.id, outs, { ...inputs(), public: true });
      expect(updated.outs).toMatchObject({ public: true, projectId: 1 });
      expect(harbor.projects.get(1)?.metadata.public).toBe("true");

      await must(harborProjectProvider.delete)(created.id, outs);
      expect(harbor.projects.size).toBe(0);
      expect(harbor.requests).toEqual(["POST /api/v2.0/projects", "GET /api/v2.0/projects/1", "PUT /api/v2.0/projects/1", "DELETE /api/v2.0/projects/1"]);
    });

    it("reports a deleted project as gone and deletes a missing one without error", async () => {
      const created = await harborProjectProvider.create(inputs());
      const outs = must(created.outs);
      harbor.projects.clear();
      await expect(must(harborProjectProvider.read)(created.id, outs)).resolves.toEqual({});
      await expect(must(harborProjectProvider.delete)(created.id, outs)).resolves.toBeUndefined();
    });

    it("fails on a duplicate with Harbor's 409, never echoing the password", async () => {
      await harborProjectProvider.create(inputs());
      const error = await harborProjectProvider.create(inputs()).catch((e: Error) => e);
      expect((error as Error).message).toContain("POST /projects answered 409");
      expect((error as Error).message).toContain("already exists");
      expect((error as Error).message).not.toContain(PASSWORD);
    });

    it("fails on wrong credentials with 401", async () => {
      const error = await harborProjectProvider.create({ ...inputs(), password: "fake-wrong-password-0000" }).catch((e: Error) => e);
      expect((error as Error).message).toContain("answered 401");
      expect(harbor.projects.size).toBe(0);
    });

    it("replaces on rename and updates in place on visibility", async () => {
      const created = await harborProjectProvider.create(inputs());
      const outs = must(created.outs);
      const diff = must(harborProjectProvider.diff);
      expect(await diff(created.id, outs, { ...inputs(), name: "shop2" })).toEqual({ changes: true, replaces: ["name"], deleteBeforeReplace: true });
      expect(await diff(created.id, outs, { ...inputs(), public: true })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
      expect(await diff(created.id, outs, inputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });
  });

  describe("robots", () => {
    const pull = { kind: "project" as const, namespace: "shop", access: [{ resource: "repository", action: "pull" }] };
    const inputs = (): HarborRobotInputs => ({ ...connection, name: "ci", description: "CI", level: "project", permissions: [pull] });

    it("creates a robot with its secret, reads, updates its permissions and deletes it", async () => {
      await harborProjectProvider.create({ ...connection, name: "shop", public: false });
      const created = await harborRobotProvider.create(inputs());
      const outs = must(created.outs);
      expect(created.id).toBe("2");
      expect(outs).toMatchObject({ robotId: 2, fullName: "robot$shop+ci", secret: "fake-robot-secret-2" });

      const read = await must(harborRobotProvider.read)(created.id, outs);
      expect(read.props).toMatchObject({ robotId: 2, fullName: "robot$shop+ci", permissions: [pull], secret: "fake-robot-secret-2" });

      const push = { ...pull, access: [...pull.access, { resource: "repository", action: "push" }] };
      const updated = await must(harborRobotProvider.update)(created.id, outs, { ...inputs(), permissions: [push] });
      expect(updated.outs).toMatchObject({ robotId: 2, fullName: "robot$shop+ci", secret: "fake-robot-secret-2", permissions: [push] });
      expect(harbor.robots.get(2)?.permissions).toEqual([push]);

      await must(harborRobotProvider.delete)(created.id, outs);
      expect(harbor.robots.size).toBe(0);
      await expect(must(harborRobotProvider.read)(created.id, outs)).resolves.toEqual({});
    });

    it("fails on a duplicate robot with 409", async () => {
      await harborProjectProvider.create({ ...connection, name: "shop", public: false });
      await harborRobotProvider.create(inputs());
      await expect(harborRobotProvider.create(inputs())).rejects.toThrow("POST /robots answered 409");
    });

    it("replaces when the level changes and updates permissions in place", async () => {
      const olds = { ...inputs(), robotId: 2, fullName: "robot$shop+ci", secret: "fake-robot-secret-2" };
      const diff = must(harborRobotProvider.diff);
      expect(await diff("2", olds, { ...inputs(), level: "system" })).toMatchObject({ changes: true, replaces: ["level"] });
      expect(await diff("2", olds, { ...inputs(), permissions: [] })).toMatchObject({ changes: true, replaces: [] });
    });
  });
});
