import type { DescMethod } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

/** One REST binding of a method, from its `google.api.http` option. */
export interface HttpBinding {
  verb: string;
  /** e.g. `/api/v1/organizations/{organization_id}/users` */
  template: string;
  /** '' no body, '*' the whole request, else the request field the body fills. */
  body: string;
}

/** google.api.http (extension 72295728 of MethodOptions), kept by protobuf-es as an unknown field. */
const GOOGLE_API_HTTP = 72295728;
const VERBS: Record<number, string> = { 2: 'GET', 3: 'PUT', 4: 'POST', 5: 'DELETE', 6: 'PATCH' };

export function httpBindings(method: DescMethod): HttpBinding[] {
  const option = method.proto.options?.$unknown?.find((u) => u.no === GOOGLE_API_HTTP && u.wireType === WireType.LengthDelimited);
  return option ? decodeRule(new BinaryReader(option.data).bytes()) : [];
}

function decodeRule(bytes: Uint8Array): HttpBinding[] {
  const reader = new BinaryReader(bytes);
  const bindings: HttpBinding[] = [];
  let verb = '';
  let template = '';
  let body = '';
  while (reader.pos < reader.len) {
    const [no, wire] = reader.tag();
    if (VERBS[no] && wire === WireType.LengthDelimited) {
      verb = VERBS[no]!;
      template = reader.string();
    } else if (no === 8 && wire === WireType.LengthDelimited) {
      const custom = new BinaryReader(reader.bytes());
      while (custom.pos < custom.len) {
        const [cno, cwire] = custom.tag();
        if (cno === 1) verb = custom.string().toUpperCase();
        else if (cno === 2) template = custom.string();
        else custom.skip(cwire, cno);
      }
    } else if (no === 7 && wire === WireType.LengthDelimited) {
      body = reader.string();
    } else if (no === 11 && wire === WireType.LengthDelimited) {
      bindings.push(...decodeRule(reader.bytes()));
    } else {
      reader.skip(wire, no);
    }
  }
  if (verb && template) bindings.unshift({ verb, template, body });
  return bindings;
}
