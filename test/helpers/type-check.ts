import { dirname } from 'node:path';
import ts from 'typescript';

/**
 * Parsed declaration files of node_modules and TypeScript's own lib files, kept for the next compile in this test
 * file: an app is compiled once per codemod mode, and its dependencies' types (next's alone are 100,000 lines) do not
 * change in between. The app's own files are always read again.
 */
const parsedOnce = new Map<string, ts.SourceFile>();
const LIB_DIR = dirname(ts.getDefaultLibFilePath({}));

function unchangingDuringTests(fileName: string): boolean {
  return fileName.includes('/node_modules/') || fileName.startsWith(LIB_DIR);
}

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    if (!unchangingDuringTests(fileName)) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const parseOptions = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = `${fileName}\0${parseOptions.languageVersion}\0${parseOptions.impliedNodeFormat}\0${options.moduleDetection}\0${options.jsx}`;
    let file = parsedOnce.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (file) parsedOnce.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * What `tsc -p <tsconfig>` does, with the TypeScript this repository installs, in this process: reads the config,
 * type-checks, and writes the output unless `emit` is false or the config says noEmit. Returns tsc's error output
 * ('' when there is no error).
 */
export function compileProject(tsconfig: string, { emit = true }: { emit?: boolean } = {}): string {
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, emit ? {} : { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
  });
  const formatHost: ts.FormatDiagnosticsHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => dirname(tsconfig), getNewLine: () => '\n' };
  if (!parsed) return ts.formatDiagnostics(configErrors, formatHost);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences, host: cachingHost(parsed.options), configFileParsingDiagnostics: parsed.errors });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  return ts.formatDiagnostics(diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error), formatHost);
}
