import type { Command } from 'commander';
import { audit } from '../log/audit';
import { prove } from '../log/prove';
import { FORK_EXIT_CODE, witness } from '../log/witness';

type Common = { api: string; vkey?: string };

/** `credence log …`: a witness and auditor of the ledger's transparency log, over its public API. */
export const registerLogCommands = (program: Command): void => {
  const log = program
    .command('log')
    .description("Check the ledger's transparency log (signed checkpoints, Merkle proofs)");
  log
    .command('verify')
    .description(
      `Witness: check the latest checkpoint's signature and its consistency with the last one seen. Exits ${FORK_EXIT_CODE} if the log forked or shrank.`,
    )
    .requiredOption('--api <url>', 'base URL of the ledger API')
    .option(
      '--state <file>',
      'where the pinned key and the last checkpoint are kept',
      'credence-witness.json',
    )
    .option(
      '--vkey <key>',
      "the log's verifier key to pin (default: the one in the state file, else trusted on first use)",
    )
    .action(async (flags: Common & { state: string }) => {
      process.exitCode = await witness(flags);
    });
  log
    .command('audit')
    .description(
      'Re-hash every event (read through the events route) and compare the Merkle root with the signed checkpoint',
    )
    .requiredOption('--api <url>', 'base URL of the ledger API')
    .requiredOption('--token <token>', 'an auditor or regulator token')
    .option('--vkey <key>', "the log's verifier key (default: fetched from the API)")
    .action(async (flags: Common & { token: string }) => {
      process.exitCode = await audit(flags);
    });
  log
    .command('prove <credentialId>')
    .description("Print the inclusion proofs of a credential's events under the latest checkpoint, as JSON")
    .requiredOption('--api <url>', 'base URL of the ledger API')
    .requiredOption('--token <token>', "an auditor or QA-body token (reads the credential's stream)")
    .option('--vkey <key>', "the log's verifier key (default: fetched from the API)")
    .action(async (credentialId: string, flags: Common & { token: string }) => {
      console.log(JSON.stringify(await prove({ ...flags, credentialId }), null, 2));
    });
};
