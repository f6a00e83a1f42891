import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The EC2 and AWS Health events Karpenter acts on before a node goes away: it cordons and drains
 * the node, and starts a replacement, within the two-minute spot warning.
 */
export const INTERRUPTION_EVENTS: Record<string, { source: string[]; "detail-type": string[] }> = {
  "scheduled-change": { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
  "spot-interruption": { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
  rebalance: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
  "instance-state-change": { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
};

/**
 * Who may write to the queue: EventBridge, only from this cluster's rules, and SQS itself (as
 * Karpenter's reference template allows); anything over plain HTTP is denied.
 */
export function queuePolicy(queueArn: string, ruleArns: string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "EventBridgeRules", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queueArn, Condition: { ArnEquals: { "aws:SourceArn": ruleArns } } },
      { Sid: "SqsService", Effect: "Allow", Principal: { Service: "sqs.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queueArn },
      { Sid: "DenyHTTP", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: queueArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ],
  });
}

export interface InterruptionQueue {
  queue: aws.sqs.Queue;
  rules: aws.cloudwatch.EventRule[];
}

/** The queue (SSE on, messages kept five minutes: an older warning is moot) and one rule per event feeding it. */
export function buildInterruptionQueue(name: string, eksName: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): InterruptionQueue {
  const queue = new aws.sqs.Queue(`${name}-interruption`, { name: eksName, messageRetentionSeconds: 300, sqsManagedSseEnabled: true, tags: { "slipway.dev/cluster": eksName } }, opts);
  const rules = Object.entries(INTERRUPTION_EVENTS).map(([event, pattern]) => {
    const rule = new aws.cloudwatch.EventRule(`${name}-${event}`, { description: `Karpenter interruption handling: ${event}`, eventPattern: JSON.stringify(pattern) }, opts);
    new aws.cloudwatch.EventTarget(`${name}-${event}`, { rule: rule.name, arn: queue.arn }, opts);
    return rule;
  });
  new aws.sqs.QueuePolicy(`${name}-interruption`, { queueUrl: queue.url, policy: pulumi.all([queue.arn, ...rules.map((r) => r.arn)]).apply(([arn, ...ruleArns]) => queuePolicy(arn, ruleArns)) }, opts);
  return { queue, rules };
}
