import { describe, expect, it } from 'vitest';
import { formatRowsForDisplay, renderTable } from './format.ts';
import { col, resultSet, statusResult } from './result.ts';

describe('display', () => {
  it('formats timestamps, booleans and NULL as snowsql does', () => {
    const r = resultSet([col('created_on', 'timestamp_ltz'), col('enabled', 'boolean'), col('comment'), col('n', 'fixed')], [[Date.UTC(2020, 3, 28, 19, 24, 38, 722), true, null, 3]]);
    expect(formatRowsForDisplay(r)).toEqual([['2020-04-28 19:24:38.722 +0000', 'true', 'NULL', '3']]);
  });

  it('renders a bordered table', () => {
    expect(renderTable(statusResult('Role R successfully created.'))).toBe(
      ['+------------------------------+', '| status                       |', '|------------------------------|', '| Role R successfully created. |', '+------------------------------+'].join('\n'),
    );
    expect(renderTable(resultSet([col('a'), col('bb')], []))).toBe(['+---+----+', '| a | bb |', '|---+----|', '+---+----+'].join('\n'));
  });
});
