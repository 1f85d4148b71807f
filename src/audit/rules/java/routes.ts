import { routeRule } from '../../text/kit.js';

export default routeRule({
  id: 'java.route.auth-path',
  ecosystem: 'java',
  relativePaths: true,
  keywords: ['Mapping('],
  pattern: /@(?:Get|Post|Put|Patch|Delete|Request)Mapping\s*\(\s*(?:(?:value|path)\s*=\s*)?\{?\s*"([^"]+)"/,
});
