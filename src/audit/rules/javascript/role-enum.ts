import { ts } from 'ts-morph';
import { stringValue } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

const ROLE_TYPE_NAME = /^(?:\w*Roles?|\w*Role(?:Enum|Type|Name|s)?)$/;
const ROLE_MEMBER = /^(?:admin|administrator|superadmin|super_admin|owner|member|user|editor|viewer|moderator|manager|guest)$/i;

/**
 * The app's list of roles: an enum or a frozen object named for roles whose members are role names
 * (`enum RoleEnum { admin = 1, user = 2 }`). ARIA roles and other `role` words do not have such members.
 */
export default astRule({
  id: 'js.role.enum',
  category: 'role-model',
  confidence: 'medium',
  message: 'The app’s roles, declared in code: map each to a Scalekit role (redirects-roles) before the switch',
  keywords: ['Role'],
  gate: (text) => /\benum\s+[\w$]*Role/.test(text),
  create(context) {
    const looksLikeRoles = (names: string[]) => names.filter((name) => ROLE_MEMBER.test(name)).length >= 2;
    return {
      [ts.SyntaxKind.EnumDeclaration](node) {
        const declaration = node as ts.EnumDeclaration;
        if (!ROLE_TYPE_NAME.test(declaration.name.text)) return;
        const names = declaration.members.map((member) => stringValue(member.name as ts.Expression) ?? member.name.getText(context.sourceFile));
        if (!looksLikeRoles(names)) return;
        for (const name of names) context.facts.role(name, context.at(declaration));
        context.report(declaration.name);
      },
    };
  },
});
