import type { FakeRuntime } from './runtime';

type Builder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Rule = GoogleAppsScript.Spreadsheet.DataValidation;
type BuilderMethods = 'requireValueInList' | 'setAllowInvalid' | 'setHelpText' | 'build';
type RuleMethods =
  'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText' | 'copy';

interface RuleSpec {
  criteria?: 'VALUE_IN_LIST';
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string;
}

/** A built rule (immutable). Test code may read `spec` directly. */
export class FakeDataValidation implements Pick<Rule, RuleMethods> {
  constructor(
    private readonly rt: FakeRuntime,
    readonly spec: Readonly<RuleSpec>,
  ) {}

  getAllowInvalid(): boolean {
    this.rt.hit('DataValidation', 'getAllowInvalid');
    return this.spec.allowInvalid;
  }

  /** 'VALUE_IN_LIST' (the string; SpreadsheetApp.DataValidationCriteria is not faked). */
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    this.rt.hit('DataValidation', 'getCriteriaType');
    return this.spec.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }

  /** For VALUE_IN_LIST: [values, showDropdown], as Apps Script returns. */
  getCriteriaValues(): unknown[] {
    this.rt.hit('DataValidation', 'getCriteriaValues');
    return this.rt.array([this.rt.array(this.spec.values), this.spec.showDropdown]);
  }

  getHelpText(): string {
    this.rt.hit('DataValidation', 'getHelpText');
    return this.spec.helpText;
  }

  copy(): Builder {
    this.rt.hit('DataValidation', 'copy');
    return new FakeDataValidationBuilder(this.rt, { ...this.spec }) as unknown as Builder;
  }
}

/** SpreadsheetApp.newDataValidation(); only list rules are supported. */
export class FakeDataValidationBuilder implements Pick<Builder, BuilderMethods> {
  private readonly spec: RuleSpec;

  constructor(
    private readonly rt: FakeRuntime,
    spec?: RuleSpec,
  ) {
    this.spec = spec ?? { values: [], showDropdown: true, allowInvalid: true, helpText: '' };
  }

  requireValueInList(values: string[], showDropdown?: boolean): Builder {
    this.rt.hit('DataValidationBuilder', 'requireValueInList');
    if (!Array.isArray(values)) {
      throw this.rt.signatureError(
        [values, showDropdown],
        'SpreadsheetApp.DataValidationBuilder.requireValueInList',
      );
    }
    this.spec.criteria = 'VALUE_IN_LIST';
    this.spec.values = values.map(String);
    this.spec.showDropdown = showDropdown ?? true;
    return this as unknown as Builder;
  }

  setAllowInvalid(allowInvalidData: boolean): Builder {
    this.rt.hit('DataValidationBuilder', 'setAllowInvalid');
    this.spec.allowInvalid = Boolean(allowInvalidData);
    return this as unknown as Builder;
  }

  setHelpText(helpText: string): Builder {
    this.rt.hit('DataValidationBuilder', 'setHelpText');
    this.spec.helpText = String(helpText);
    return this as unknown as Builder;
  }

  build(): Rule {
    this.rt.hit('DataValidationBuilder', 'build');
    if (!this.spec.criteria) throw this.rt.error('You must specify a validation criteria.');
    return new FakeDataValidation(this.rt, {
      ...this.spec,
      values: [...this.spec.values],
    }) as unknown as Rule;
  }
}
