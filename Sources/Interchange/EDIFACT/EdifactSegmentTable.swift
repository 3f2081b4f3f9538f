/// Largest number of components each data element of a segment may have, by position; the array
/// length is the number of data elements the segment may have. Service segments follow ISO 9735
/// (syntax 4 maxima, which also cover versions 1 to 3); message segments follow the D.96A to D.01B
/// directories for the segments of orders, order responses and invoices.
enum EdifactSegmentTable {
    static let service: [String: [Int]] = [
        "UNB": [4, 4, 4, 2, 1, 2, 1, 1, 1, 1, 1],
        "UNG": [2, 2, 2, 2, 1, 1, 3, 1],
        "UNH": [1, 7, 1, 2, 4, 4, 4],
        "UNT": [1, 1],
        "UNE": [1, 1],
        "UNZ": [1, 1],
    ]

    static let message: [String: [Int]] = [
        "BGM": [4, 3, 1, 1],
        "DTM": [3],
        "NAD": [1, 3, 5, 6, 4, 1, 4, 1, 1],
        "LIN": [1, 1, 4, 2, 1, 1],
        "QTY": [3],
        "PRI": [6, 1],
        "RFF": [5],
        "COM": [2],
        "MOA": [5],
        "CTA": [1, 2],
        "UNS": [1],
        "CNT": [3],
        "CUX": [4, 4, 1, 1],
        "PIA": [1, 5, 5, 5, 5, 5],
        "IMD": [1, 1, 6, 1, 1, 1],
        "PAI": [6],
        "TAX": [1, 4, 3, 1, 7, 1, 1, 1],
        "LOC": [1, 4, 4, 4, 1],
        "FTX": [1, 1, 3, 5, 1, 1],
        "TOD": [1, 1, 4],
        "ALC": [1, 2, 1, 1, 4],
        "PAT": [1, 4, 4],
        "SCC": [1, 1, 1, 3],
    ]

    static let compiledService = SegmentTable(service)
    static let compiledMessage = SegmentTable(message)
}
