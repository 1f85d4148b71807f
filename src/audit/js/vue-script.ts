/**
 * The `<script>` blocks of a Vue single-file component, with every other line blanked (line and
 * column positions kept), so the file parses as a script and findings point into the component.
 */
export function vueScript(text: string): string {
  const lines = text.split('\n');
  let inside = false;
  return lines
    .map((line) => {
      if (!inside) {
        const open = /<script\b[^>]*>/.exec(line);
        if (!open) return '';
        const rest = line.slice(open.index + open[0].length);
        const close = rest.indexOf('</script>');
        inside = close === -1;
        return ' '.repeat(open.index + open[0].length) + (close === -1 ? rest : rest.slice(0, close));
      }
      const close = line.indexOf('</script>');
      if (close === -1) return line;
      inside = false;
      return line.slice(0, close);
    })
    .join('\n');
}
