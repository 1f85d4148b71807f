import { routeRule } from '../../text/kit.js';

/** Routes registered on a router object (`$api->post('login', ...)`, Dingo and Lumen style). */
export default routeRule({
  id: 'php.route.router-auth-path',
  ecosystem: 'php',
  relativePaths: true,
  keywords: ['->get(', '->post(', '->put(', '->patch(', '->delete('],
  pattern: /\$\w+->(?:get|post|put|patch|delete|any)\s*\(\s*['"]([^'"]+)['"]/,
});
