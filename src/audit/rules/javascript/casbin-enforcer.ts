import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.casbin.enforcer',
  category: 'rbac',
  confidence: 'high',
  message: 'Casbin policy enforcement: subjects are legacy user ids or roles; Scalekit tokens carry the legacy id (xuid) and roles',
  keywords: ['casbin'],
  calls: [
    { module: ['casbin', 'node-casbin'], path: ['newEnforcer', 'newSyncedEnforcer', 'newCachedEnforcer'] },
    { chain: /(?:^|\.)(?:enforcer|e)\.(?:enforce|enforceSync|enforceEx)$/, whenImports: ['casbin', 'node-casbin'] },
  ],
});
