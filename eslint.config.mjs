import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Apps Script's services and Node's globals: the pure domain uses neither (imports are checked
// by import-x below; these are the names that arrive without an import).
const PLATFORM_GLOBALS = [
  ...['SpreadsheetApp', 'DriveApp', 'MailApp', 'GmailApp', 'FormApp', 'ScriptApp', 'LockService'],
  ...['PropertiesService', 'CacheService', 'CalendarApp', 'SlidesApp', 'DocumentApp', 'Session'],
  ...['HtmlService', 'ContentService', 'UrlFetchApp', 'Utilities', 'Logger', 'Browser'],
  ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global'],
].map((name) => ({ name, message: 'src/domain is pure: no Google or Node here; use a port.' }));

export default tseslint.config(
  { ignores: ['dist/', 'dist-cli/', 'out/', 'node_modules/', 'coverage/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // The layers, by folder, so a file or folder added later is covered at any depth:
  // domain (pure) ← ports, core, workflows, actions ← adapters (local, apps-script); no cycles.
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: 'src/domain',
              from: 'src',
              except: ['./domain'],
              message:
                'src/domain is pure: it imports only src/domain and libraries, never ports, core, workflows, actions or adapters.',
            },
            {
              target: [
                'src/core',
                'src/workflows',
                'src/actions',
                'src/actions.ts',
                'src/ports.ts',
              ],
              from: ['src/local', 'src/apps-script'],
              message:
                'The core never imports an adapter (src/local, src/apps-script): it works through the ports.',
            },
            {
              target: 'src/local',
              from: 'src/apps-script',
              message: 'The local back end never imports the Apps Script one.',
            },
            {
              target: 'src/apps-script',
              from: 'src/local',
              message: 'The Apps Script back end never imports the local one.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': ['error', { patterns: ['googleapis', '@google/*', 'exceljs'] }],
      'no-restricted-globals': ['error', ...PLATFORM_GLOBALS],
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='GoogleAppsScript']",
          message: 'src/domain is pure: no Google types here; use a port.',
        },
      ],
    },
  },
  {
    // The CLI loads these where they are used, so a command loads only what it needs.
    files: ['src/local/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': [
        'error',
        {
          allow: [
            '^exceljs$',
            '^exceljs/lib/xlsx/xform/sheet/worksheet-xform$',
            '^saxes$',
            '^nodemailer$',
            '^pdf-lib$',
            '^@pdf-lib/fontkit$',
            '^vega$',
            '^vega-lite$',
            '^iconv-lite$',
            '^csv-parse/sync$',
            '^\\./demo$',
          ],
        },
      ],
    },
  },
  {
    // Apps Script: pdf-lib is loaded only when certificates are combined (pdf-merge.ts).
    files: ['src/apps-script/pdf-merge.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^pdf-lib$'] }] },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  prettier,
);
