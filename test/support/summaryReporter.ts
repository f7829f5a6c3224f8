/**
 * Mocha's spec reporter plus one closing line, `<tier>: N passed, N failed, N skipped`, that CI
 * and humans can read whatever tier ran. The tier name comes from CBR_TEST_TIER.
 */
import Mocha from 'mocha';

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const stats = runner.stats;
      if (!stats) {
        return;
      }
      const tier = process.env.CBR_TEST_TIER ?? 'tests';
      console.log(`${tier}: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
    });
  }
}

export = SummaryReporter;
