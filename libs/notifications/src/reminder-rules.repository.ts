import { Injectable } from '@nestjs/common';
import { ScopedQueries, type Scope, type TxScope } from '@pbw/db';
import { DEFAULT_RULES, type ReminderRule, type RuleKind, type RuleSet, ruleSet } from './reminder-rules';

const COLUMNS = `kind, enabled, days_before AS "daysBefore", repeat_every_days AS "repeatEveryDays",
  chair_after_days AS "chairAfterDays", secretariat_after_days AS "secretariatAfterDays"`;

/** The rules a partnership's secretariat changed; a kind with no row keeps its default. */
@Injectable()
export class ReminderRuleRepository extends ScopedQueries {
  async rules(scope: Scope): Promise<RuleSet> {
    return ruleSet(await this.rawScoped<ReminderRule>(scope, () => `SELECT ${COLUMNS} FROM reminder_rules WHERE partnership_id = $1`));
  }

  /**
   * The partnership's rule for a kind, locked for the rest of the transaction so two edits
   * serialise: a kind still on its default first gets a row holding the default.
   */
  async lockRule(tx: TxScope, kind: RuleKind): Promise<ReminderRule> {
    const d = DEFAULT_RULES[kind];
    await this.rawScoped(
      tx,
      ({
        bind,
      }) => `INSERT INTO reminder_rules (partnership_id, kind, enabled, days_before, repeat_every_days, chair_after_days, secretariat_after_days)
        VALUES ($1, ${bind(kind)}, ${bind(d.enabled)}, ${bind(d.daysBefore)}::int[], ${bind(d.repeatEveryDays)}::int, ${bind(d.chairAfterDays)}::int,
          ${bind(d.secretariatAfterDays)}::int)
        ON CONFLICT (partnership_id, kind) DO NOTHING RETURNING kind`,
    );
    const [row] = await this.rawScoped<ReminderRule>(
      tx,
      ({ bind }) => `SELECT ${COLUMNS} FROM reminder_rules WHERE partnership_id = $1 AND kind = ${bind(kind)} FOR UPDATE`,
    );
    return row;
  }

  async put(tx: TxScope, r: ReminderRule): Promise<void> {
    await this.rawScoped(
      tx,
      ({ bind }) => `UPDATE reminder_rules SET enabled = ${bind(r.enabled)}, days_before = ${bind(r.daysBefore)}::int[],
          repeat_every_days = ${bind(r.repeatEveryDays)}::int, chair_after_days = ${bind(r.chairAfterDays)}::int,
          secretariat_after_days = ${bind(r.secretariatAfterDays)}::int, updated_at = now()
        WHERE partnership_id = $1 AND kind = ${bind(r.kind)} RETURNING kind`,
    );
  }
}
