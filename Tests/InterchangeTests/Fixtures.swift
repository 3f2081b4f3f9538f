import Foundation
@testable import Interchange

/// Small inline interchanges; `good850` passes every check and the envelope tests each break one rule.
enum Fixtures {
    static let isa = "ISA*00*          *00*          *ZZ*BUYER          *ZZ*SUPPLIER       *240115*1200*U*00401*000000101*0*P*>~"

    static func x12(_ body: String) -> [UInt8] { Array(body.utf8) }

    static let set850 = """
    ST*850*0001~
    BEG*00*SA*PO-1001**20240115~
    PO1*1*10*EA*2.50*PE*BP*WIDGET-1~
    CTT*1~
    SE*5*0001~
    """

    static let good850 = isa + "\nGS*PO*BUYER*SUPPLIER*20240115*1200*7*X*004010~\n" + set850 + "\nGE*1*7~\nIEA*1*000000101~\n"

    static let goodOrders = """
    UNA:+.? '
    UNB+UNOC:3+BUYER:14+SUPPLIER:14+240115:1200+REF42'
    UNH+1+ORDERS:D:96A:UN'
    BGM+220+PO-1001+9'
    DTM+137:20240115:102'
    LIN+1++WIDGET-1:BP'
    QTY+21:10'
    UNS+S'
    UNT+7+1'
    UNZ+1+REF42'

    """
}
