/**
 * `CREATE | ALTER | DROP [SECURITY] INTEGRATION` (spec/snowflake-scim.md §7). TYPE is lifted out
 * of the property list; everything else (SCIM_CLIENT, RUN_AS_ROLE, SAML2_*, OAUTH_*, ...) stays a
 * generic property for the executor to validate.
 */
import type { AlterIntegration, CreateIntegration, DropIntegration, IntegrationCategory, Property } from '../ast.ts';
import {
  acceptIfExists,
  acceptIfNotExists,
  isPropertyStart,
  posOf,
  property,
  setOrUnset,
  type Parser,
} from '../parser.ts';

const CATEGORIES: readonly (readonly [readonly string[], IntegrationCategory])[] = [
  [['SECURITY'], 'SECURITY'],
  [['API'], 'API'],
  [['STORAGE'], 'STORAGE'],
  [['NOTIFICATION'], 'NOTIFICATION'],
  [['CATALOG'], 'CATALOG'],
  [['EXTERNAL', 'ACCESS'], 'EXTERNAL ACCESS'],
];

/**
 * If the tokens spell `[<category>] INTEGRATION` (or `INTEGRATIONS` when `plural`), consume them
 * and return the category (`null` for none); otherwise consume nothing and return `undefined`.
 */
export function integrationKeyword(p: Parser, plural: boolean): IntegrationCategory | null | undefined {
  const word = plural ? 'INTEGRATIONS' : 'INTEGRATION';
  if (p.acceptKw(word)) return null;
  for (const [words, category] of CATEGORIES) {
    if (p.isKwSeq(...words, word)) {
      p.acceptKwSeq(...words, word);
      return category;
    }
  }
  return undefined;
}

/** After `CREATE [OR REPLACE] [<category>] INTEGRATION`. */
export function parseCreateIntegration(
  p: Parser,
  orReplace: boolean,
  category: IntegrationCategory | null,
): CreateIntegration {
  const ifNotExists = acceptIfNotExists(p);
  const name = p.ident();
  let integrationType: CreateIntegration['integrationType'] = null;
  const props: Property[] = [];
  while (isPropertyStart(p)) {
    if (p.isKw('TYPE')) {
      const typeToken = p.peek();
      if (integrationType) p.fail(typeToken);
      p.next();
      p.expectOp('=');
      const v = p.peek();
      if (v.kind === 'ident' || v.kind === 'string') integrationType = { value: v.value.toUpperCase(), pos: posOf(v) };
      else if (v.kind === 'quoted') integrationType = { value: v.value, pos: posOf(v) };
      else p.fail();
      p.next();
    } else {
      props.push(property(p));
    }
    if (p.isOp(',')) {
      p.next();
      if (!isPropertyStart(p)) p.fail();
    }
  }
  p.expectEnd();
  return { kind: 'CreateIntegration', orReplace, ifNotExists, category, name, integrationType, properties: props };
}

/** After `ALTER [<category>] INTEGRATION`. */
export function parseAlterIntegration(p: Parser, category: IntegrationCategory | null): AlterIntegration {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  const action = setOrUnset(p);
  p.expectEnd();
  return { kind: 'AlterIntegration', ifExists, category, name, action };
}

/** After `DROP [<category>] INTEGRATION`. */
export function parseDropIntegration(p: Parser, category: IntegrationCategory | null): DropIntegration {
  const ifExists = acceptIfExists(p);
  const name = p.ident();
  p.expectEnd();
  return { kind: 'DropIntegration', ifExists, category, name };
}
