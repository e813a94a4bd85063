/** Prints the access table as Markdown, for the README (`pnpm access:table`). */
import { accessTableMarkdown } from '../src/auth/access.table.ts';

console.log(accessTableMarkdown());
