import * as pulumi from "@pulumi/pulumi";
import { pathSegment as join } from "./redact";

/** A registration's inputs as plain JS, plus the paths (`spec.password`, `data`) that were secrets. */
export interface PlainInputs {
  value: Record<string, unknown>;
  secretPaths: string[];
}

const { specialSigKey, specialSecretSig, specialResourceSig, specialAssetSig, specialArchiveSig, specialOutputValueSig, unknownValue } = pulumi.runtime;


function toPlain(value: unknown, path: string, secrets: string[]): unknown {
  if (value === unknownValue) return undefined;
  if (Array.isArray(value)) return value.map((item, index) => toPlain(item, join(path, index), secrets));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  switch (record[specialSigKey]) {
    case specialSecretSig:
      secrets.push(path);
      return toPlain(record.value, path, secrets);
    case specialOutputValueSig:
      if (record.secret === true) secrets.push(path);
      return toPlain(record.value, path, secrets);
    case specialResourceSig:
      // A reference to another resource: its URN is the stable, readable identity.
      return record.urn;
    case specialAssetSig:
    case specialArchiveSig: {
      const { [specialSigKey]: _sig, ...rest } = record;
      return rest;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const plain = toPlain(item, join(path, key), secrets);
    if (plain !== undefined) out[key] = plain;
  }
  return out;
}

/** Converts the wire form of a registration's properties (a protobuf Struct as JS) into plain inputs. */
export function plainInputs(wire: Record<string, unknown>): PlainInputs {
  const secretPaths: string[] = [];
  const value = toPlain(wire, "", secretPaths) as Record<string, unknown>;
  return { value, secretPaths };
}
