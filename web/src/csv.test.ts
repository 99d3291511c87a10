import { describe, expect, it } from 'vitest'
import { chunks, joinCsvParts, parseRecord, previewCsv, splitRecords } from './csv'

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

  it('joins an export made in parts into one file with one header', () => {
    const parts = ['\uFEFFid,name\r\nid-1,"A, Inc"\r\nid-2,B\r\n', '\uFEFFid,name\r\nid-3,"C\nD"\r\n', '\uFEFFid,name\r\n']
    const { text, rows } = joinCsvParts(parts)
    expect(rows).toBe(3)
    expect(text).toBe('\uFEFFid,name\r\nid-1,"A, Inc"\r\nid-2,B\r\nid-3,"C\nD"\r\n')
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
  })
})
