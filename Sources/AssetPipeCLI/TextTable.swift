/// Columns of text aligned for a terminal: each cell padded to its column's widest, two spaces
/// between columns, nothing trailing.
struct TextTable {
    var rows: [[String]]

    func lines(indent: String = "") -> [String] {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (column, cell) in row.enumerated() {
                if column < widths.count { widths[column] = max(widths[column], cell.count) } else { widths.append(cell.count) }
            }
        }
        return rows.map { row in
            let padded = row.enumerated().map { column, cell in cell + String(repeating: " ", count: widths[column] - cell.count) }
            var line = indent + padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
