import { MockResourceArgs } from "@pulumi/pulumi/runtime";
import { deterministicBytes, digest } from "./hash";

type State = Record<string, unknown>;

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
const SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

/** Characters a random:RandomString/RandomPassword may use, honouring its flags. */
function alphabet(inputs: State): string {
  const special = inputs.special === false ? "" : typeof inputs.overrideSpecial === "string" ? inputs.overrideSpecial : SPECIAL;
  const chars = (inputs.lower === false ? "" : LOWER) + (inputs.upper === false ? "" : UPPER) + (inputs.numeric === false ? "" : DIGITS) + special;
  return chars || LOWER;
}

/** Deterministic text from the resource name and length: stable across renders, never a real secret. */
function randomText(name: string, inputs: State): string {
  const length = typeof inputs.length === "number" ? inputs.length : 16;
  const chars = alphabet(inputs);
  const bytes = deterministicBytes(`${name}:${length}`, length);
  return Array.from(bytes, (b) => chars[b % chars.length]).join("");
}

function uuid(seed: string): string {
  const hex = digest(seed, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** State for `random:*` resources: deterministic so renders and snapshots are stable. */
export function randomState(args: MockResourceArgs): State {
  const inputs = (args.inputs ?? {}) as State;
  const kind = args.type.split(":").pop();
  switch (kind) {
    case "RandomPassword":
    case "RandomString": {
      const result = randomText(args.name, inputs);
      return kind === "RandomPassword" ? { ...inputs, result, bcryptHash: `$2a$10$${digest(`bcrypt:${result}`, 53)}` } : { ...inputs, result };
    }
    case "RandomId": {
      const bytes = deterministicBytes(args.name, typeof inputs.byteLength === "number" ? inputs.byteLength : 8);
      const hex = bytes.toString("hex");
      return { ...inputs, hex, b64Std: bytes.toString("base64"), b64Url: bytes.toString("base64url"), dec: BigInt(`0x${hex}`).toString() };
    }
    case "RandomBytes": {
      const bytes = deterministicBytes(args.name, typeof inputs.length === "number" ? inputs.length : 32);
      return { ...inputs, hex: bytes.toString("hex"), base64: bytes.toString("base64") };
    }
    case "RandomInteger": {
      const min = typeof inputs.min === "number" ? inputs.min : 0;
      const max = typeof inputs.max === "number" ? inputs.max : min;
      const result = min + (parseInt(digest(args.name, 8), 16) % (max - min + 1));
      return { ...inputs, result };
    }
    case "RandomPet":
      return { ...inputs, id: `${inputs.prefix ? `${String(inputs.prefix)}-` : ""}slipway-${digest(args.name, 6)}` };
    case "RandomShuffle":
      return { ...inputs, results: Array.isArray(inputs.inputs) ? [...inputs.inputs].reverse() : [] };
    default:
      return { ...inputs, result: uuid(args.name) };
  }
}

/** The id of a random resource: what the provider would use, deterministic. */
export function randomId(args: MockResourceArgs, state: State): string {
  if (args.type.endsWith(":RandomPassword")) return "none"; // as the real provider does: the id never carries the value
  if (typeof state.id === "string") return state.id;
  if (typeof state.hex === "string") return state.hex;
  return digest(`${args.type}:${args.name}`, 12);
}
