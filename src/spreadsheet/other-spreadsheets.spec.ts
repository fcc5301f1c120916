import { otherSpreadsheetProblem } from './import-problems.js';

/*
 * breaker11i P7: 导入 refused an old Excel 台账.xls (Excel 97-2003) or a WPS 台账.et only as 无法识别的文件类型,
 * with no way forward — while .xls is common in government offices and WPS saves .et by default.
 * Every spreadsheet the import does not read is told how to save it as .xlsx, by its name or, renamed,
 * by its bytes.
 */
describe('a spreadsheet saved in a format the import does not read', () => {
  const OLE2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);

  it.each([
    ['台账.xls', '旧版 Excel 工作簿（.xls）'],
    ['C:\\办公\\台账.XLS', '旧版 Excel 工作簿（.xls）'],
    ['台账.et', 'WPS 表格文件（.et）'],
    ['模板.ett', 'WPS 表格模板（.ett）'],
    ['台账.xlt', '旧版 Excel 模板（.xlt）'],
    ['台账.xlsb', 'Excel 二进制工作簿（.xlsb）'],
    ['台账.ods', 'OpenDocument 表格（.ods）'],
  ])('%s: says what it is and to save it as .xlsx', (fileName, kind) => {
    const problem = otherSpreadsheetProblem(fileName);
    expect(problem?.zh).toBe(`这是${kind}文件，不能直接导入：请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再导入。`);
    expect(problem?.en).toMatch(/save it as an Excel workbook \(\.xlsx\)/);
  });

  it('knows an .xls or .et renamed to .xlsx or .csv (or a workbook with an open password) by its first bytes', () => {
    for (const fileName of ['台账.xlsx', '台账.csv']) {
      expect(otherSpreadsheetProblem(fileName, OLE2)?.zh).toBe(
        `“${fileName}”的内容不是其文件名所示的格式，而是旧版 Excel（.xls）或 WPS（.et）文件，或设置了打开密码的工作簿：如有打开密码，请先取消；请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再导入。`,
      );
    }
  });

  it('leaves every other file to its own reader', () => {
    expect(otherSpreadsheetProblem('台账.xlsx', ZIP)).toBeNull();
    expect(otherSpreadsheetProblem('台账.csv', new TextEncoder().encode('问题,整改措施\n'))).toBeNull();
    expect(otherSpreadsheetProblem('台账.xlsx', new Uint8Array([0xd0, 0xcf]))).toBeNull();
    expect(otherSpreadsheetProblem('plan.yaml')).toBeNull();
    expect(otherSpreadsheetProblem('说明.docx')).toBeNull();
  });
});
