// Reads a shipped lesson's Markdown source (www/lessons/<id>.md, format in
// docs/lessons.md) so the specs take their expectations from what the
// author wrote, not from what the page happens to show.
import { readFileSync } from 'node:fs';

/** Inline lesson prose as the page shows it: `code`, *em* and **strong** lose their marks. */
export function plain(text) {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\*(.+?)\*/g, '$1').replace(/`([^`]*)`/g, '$1').trim();
}

/**
 * The lesson `id`: { title, id, summary, steps: [{ title, program, animate,
 * error, active, question: { kind, prompt, options: [{ text, right, why }] },
 * answer, hint, explain, wrong: [{ answer, why }] }] }. Titles, prompts,
 * options, hints and explanations are plain text; a `@wrong` answer is as
 * written.
 */
export function readLesson(id) {
  const source = readFileSync(new URL(`../../www/lessons/${id}.md`, import.meta.url), 'utf8');
  const lesson = { title: '', id: '', summary: '', steps: [] };
  let step = null;
  let fence = null;
  for (const line of source.split('\n')) {
    if (fence !== null) {
      if (/^```\s*$/.test(line)) {
        step.program = fence.join('\n') + '\n';
        fence = null;
      } else {
        fence.push(line);
      }
    } else if (line.startsWith('```python')) {
      fence = [];
    } else if (line.startsWith('## ')) {
      step = { title: plain(line.slice(3)), program: null, animate: false, error: false, question: null };
      lesson.steps.push(step);
    } else if (line.startsWith('# ')) {
      lesson.title = plain(line.slice(2));
    } else if (!step && line.startsWith('id: ')) {
      lesson.id = line.slice(4).trim();
    } else if (!step && line.startsWith('summary: ')) {
      lesson.summary = plain(line.slice(9));
    } else if (step && line.startsWith('@')) {
      const [, name, rest = ''] = /^@(\w+)\s*(.*)$/.exec(line);
      if (name === 'question') {
        const [, kind, prompt] = /^(\w+):\s*(.*)$/.exec(rest);
        step.question = { kind, prompt: plain(prompt), options: [] };
      } else if (name === 'animate' || name === 'error') {
        step[name] = true;
      } else if (name === 'why') {
        step.question.options.at(-1).why = plain(rest);
      } else if (name === 'wrong') {
        const [, answer, why] = /^`([^`]*)`:\s*(.*)$/.exec(rest);
        (step.wrong ??= []).push({ answer, why: plain(why) });
      } else {
        step[name] = name === 'hint' || name === 'explain' ? plain(rest) : rest.trim();
      }
    } else if (step?.question && /^- \[[ x]\] /.test(line)) {
      step.question.options.push({ text: plain(line.slice(6)), right: line[3] === 'x' });
    }
  }
  return lesson;
}
