import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { NamedPort, registerManifests, siteOf, stackProfile } from "@slipway/core";
import { ConnectableComponent } from "../connectable";
import { tenantChildOptions } from "../tenant-ref";
import { CronJobArgs, JobArgs } from "./args";
import { JobPlan, planCronJob, planJob } from "./plan";

/** What Job and CronJob share: a task's pods that call out (`connectTo`) and serve nothing. */
abstract class TaskComponent extends ConnectableComponent {
  readonly namespace: string;
  /** Labels selecting the task's pods. */
  readonly podSelector: Record<string, string>;
  /** None: a task is never a connection's target. */
  readonly servedPorts: NamedPort[] = [];
  /** The plan this instance was rendered from, for tests. */
  readonly plan: JobPlan;
  protected readonly resources: Map<string, pulumi.CustomResource>;

  protected constructor(type: "Job" | "CronJob", name: string, plan: JobPlan, args: JobArgs | CronJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("apps", type, name, opts);
    this.resources = registerManifests(name, plan.objects, this.childOptions(tenantChildOptions(args.tenant)));
    this.plan = plan;
    this.namespace = plan.namespace;
    this.podSelector = plan.podSelector;
    this.placeIn(args.tenant);
  }
}

/** A one-off task run to completion (a migration, a backfill), with AppService's secure pod defaults. */
export class Job extends TaskComponent {
  readonly job: k8s.batch.v1.Job;

  constructor(name: string, args: JobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("Job", name, planJob(siteOf("Job", name), args, stackProfile()), args, opts);
    this.job = this.resources.get(`batch/v1/Job/${this.plan.name}`) as k8s.batch.v1.Job;
    this.done({ namespace: this.namespace, jobName: this.plan.name });
  }
}

/** A task on a schedule (a nightly report): no overlapping runs, a named time zone, bounded history. */
export class CronJob extends TaskComponent {
  readonly cronJob: k8s.batch.v1.CronJob;

  constructor(name: string, args: CronJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("CronJob", name, planCronJob(siteOf("CronJob", name), args, stackProfile()), args, opts);
    this.cronJob = this.resources.get(`batch/v1/CronJob/${this.plan.name}`) as k8s.batch.v1.CronJob;
    this.done({ namespace: this.namespace, cronJobName: this.plan.name });
  }
}
