import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.casl.ability',
  category: 'rbac',
  confidence: 'high',
  message: 'CASL ability definitions: permissions derived from the user; feed them from the roles/permissions claims of Scalekit tokens',
  keywords: ['@casl/'],
  include: 'both',
  calls: [{ module: /^@casl\/(?:ability|ability\/extra)$/, path: ['defineAbility', 'AbilityBuilder', 'createMongoAbility', 'Ability', 'PureAbility', 'createAliasResolver'] }],
});
