import { routeRule } from '../../text/kit.js';

export default routeRule({
  id: 'ruby.route.auth-path',
  ecosystem: 'ruby',
  relativePaths: true,
  keywords: ['get ', 'post ', 'delete ', 'match '],
  files: /(?:^|\/)config\/routes(?:\/[\w-]+)?\.rb$/,
  pattern: /^\s*(?:get|post|put|patch|delete|match)\s+['"]([^'"]+)['"]/,
});
