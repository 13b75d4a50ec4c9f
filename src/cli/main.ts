import { parseArgs } from 'node:util';
import { MAX_DOCUMENT_CHARS } from '../domain/limits';
import { useZipAccelerators } from '../io/zip';
import { agreement, exportProject, info, merge, newProject, validate, type Output } from './commands';
import { CliError } from './load';
import { describeUnexpected, EXIT_REFUSED, EXIT_SOFTWARE, EXIT_USAGE } from './messages';
import { feedbackCommand } from './feedback';
import { matrixCommand } from './matrix';
import { NODE_ZIP } from './node-zip';

// The command line runs in Node: zip entries are inflated and checked with Node's zlib.
useZipAccelerators(NODE_ZIP);

const USAGE = `Markeer command line

  markeer new OUT.markeer [--template SLUG] [--name NAME] [--coder NAME] [--lang nl|en] FILE...
      a hand-out bundle from transcripts (.txt, .docx, .vtt, .srt) with a codebook template
  markeer info FILE [--json]
      the project: coders, documents (with speakers), codes and segments (UTF-16 offsets, end exclusive)
  markeer validate FILE
      exit 0 for a sound file, 1 with the reasons otherwise
  markeer merge OUT.markeer LEAD.markeer FILE... [--same-coder-by-name]
      merge coders' bundles (or .qdpx/.qde projects) into the lead's project; codes with the same
      name are taken as one code; with --same-coder-by-name, a coder with another GUID but the name
      of a coder already there is taken as that person (other tools give new GUIDs on each export)
  markeer agreement FILE... [--coders NAME_OR_GUID,...] [--same-coder-by-name] [--json]
      inter-coder agreement of the coders found across the files (default: every coder with segments)
  markeer export FILE --format qdpx|qdc|bundle [--utf16] [--unique-code-names] -o OUT
      convert between Markeer bundles and REFI-QDA (--utf16: positions in UTF-16 units, for NVivo;
      --unique-code-names: codes sharing a name written as "Parent / Child", for QualCoder)
  markeer matrix FILE [--rows codes] [--cols documents|groups|variable:NAME] [--count segments|documents|words]
                 [--coder NAME_OR_GUID,...] [--own] [--json]
      codes x documents, groups or variable values; a code counts its descendants (--own: not)
  markeer matrix FILE --cooccur [--split-by NAME] [--coder NAME_OR_GUID,...] [--own] [--across-coders] [--json]
      code x code: pairs of overlapping segments of one coder (--across-coders: of any two coders);
      one table per value of NAME with --split-by
  markeer feedback FILE... --reference NAME_OR_GUID --student NAME_OR_GUID [--threshold T] [--json]
      a student's coding against the reference coding, per code (found, missed, extra, confusions)

FILE may be a Markeer bundle (.markeer) or a REFI-QDA project (.qdpx, .qde) or codebook (.qdc).
A document may be up to ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')} characters long (UTF-16 code units), as in the app.

  --debug    with any command: on a failure Markeer did not expect, print the stack trace

Exit status: 0 done; 1 refused, with the reason (bad input, a file that cannot be read or written);
2 this help, shown for no command; 70 a failure Markeer did not expect (a bug): the message says what
it was doing, and --debug prints the details.
`;

/**
 * Runs one command line; returns the exit status and never throws. Bad input exits with
 * EXIT_REFUSED and a clear message; an unexpected failure with EXIT_SOFTWARE, saying what it was
 * doing (the stack trace only with `--debug`).
 */
export async function run(argv: readonly string[], output: Output): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
  let doing = `running "${['markeer', ...argv].join(' ')}"`;
  const io: Output = { ...output, doing: (what) => (doing = what) };
  try {
    switch (command) {
      case 'new': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { template: { type: 'string' }, name: { type: 'string' }, coder: { type: 'string' }, lang: { type: 'string' } },
        });
        const [out, ...files] = positionals;
        if (!out) throw new CliError('new: name the bundle to write, then the transcripts');
        await newProject(out, files, values, io);
        return 0;
      }
      case 'info': {
        const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { json: { type: 'boolean' } } });
        if (positionals.length !== 1) throw new CliError('info: name one project file');
        await info(positionals[0] as string, values.json ?? false, io);
        return 0;
      }
      case 'validate': {
        const { positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: {} });
        if (positionals.length === 0) throw new CliError('validate: name a file');
        let status = 0;
        for (const file of positionals) status = Math.max(status, await validate(file, io));
        return status;
      }
      case 'merge': {
        const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { 'same-coder-by-name': { type: 'boolean' } } });
        const [out, ...files] = positionals;
        if (!out) throw new CliError('merge: name the bundle to write, then the lead project and the coder bundles');
        await merge(out, files, { sameCoderByName: values['same-coder-by-name'] === true }, io);
        return 0;
      }
      case 'agreement': {
        const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { coders: { type: 'string' }, json: { type: 'boolean' }, 'same-coder-by-name': { type: 'boolean' } } });
        await agreement(positionals, { ...values, sameCoderByName: values['same-coder-by-name'] === true }, io);
        return 0;
      }
      case 'export': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { format: { type: 'string' }, out: { type: 'string', short: 'o' }, utf16: { type: 'boolean' }, 'unique-code-names': { type: 'boolean' } },
        });
        if (positionals.length !== 1) throw new CliError('export: name one project file');
        await exportProject(positionals[0] as string, values, io);
        return 0;
      }
      case 'matrix': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: {
            rows: { type: 'string' },
            cols: { type: 'string' },
            count: { type: 'string' },
            coder: { type: 'string' },
            json: { type: 'boolean' },
            cooccur: { type: 'boolean' },
            'split-by': { type: 'string' },
            own: { type: 'boolean' },
            'across-coders': { type: 'boolean' },
          },
        });
        if (positionals.length !== 1) throw new CliError('matrix: name one project file');
        await matrixCommand(positionals[0] as string, values, io);
        return 0;
      }
      case 'feedback': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: { reference: { type: 'string' }, student: { type: 'string' }, threshold: { type: 'string' }, json: { type: 'boolean' } },
        });
        await feedbackCommand(positionals, values, io);
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT_USAGE : 0;
      default:
        throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return EXIT_REFUSED;
    }
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${command}: ${e.message}`);
      return EXIT_REFUSED;
    }
    for (const line of describeUnexpected(command ?? '', doing, e, debug)) io.err(line);
    return EXIT_SOFTWARE;
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  run(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }).then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      // run never throws; this is for a failure in writing its output.
      process.stderr.write(`markeer: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT_SOFTWARE;
    },
  );
}
