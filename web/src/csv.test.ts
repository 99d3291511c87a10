import { describe, expect, it } from 'vitest'
import { keepRows, parseRecord, previewCsv, splitRecords } from './csv'

describe('csv', () => {
  it('splits records but not at line breaks inside quotes', () => {
    expect(splitRecords('a,b\r\n1,"two\nlines"\r\n3,x\r\n')).toEqual(['a,b', '1,"two\nlines"', '3,x'])
  })

  it('parses quoted cells with doubled quotes and the detected delimiter', () => {
    expect(parseRecord('"Kim ""K"" Lee";x;', ';')).toEqual(['Kim "K" Lee', 'x', ''])
    const preview = previewCsv('\uFEFFName;Email\nBakery;a@b.co\n', 5)
    expect(preview.delimiter).toBe(';')
    expect(preview.header).toEqual(['Name', 'Email'])
    expect(preview.rows).toEqual([['Bakery', 'a@b.co']])
  })

  it('keeps only the selected rows of an export, header first', () => {
    const csv = 'id,name\r\nid-1,"A, Inc"\r\nid-2,B\r\nid-3,"C\nD"\r\n'
    const { text, kept } = keepRows(csv, new Set(['id-1', 'id-3']))
    expect(kept).toBe(2)
    expect(text).toBe('id,name\r\nid-1,"A, Inc"\r\nid-3,"C\nD"\r\n')
  })
})
