extension ProcurementError.Code {
    /// A ship notice package label is not a valid SSCC-18 (length, digits or check digit).
    public static let invalidSSCC = Self(rawValue: "invalidSSCC")
    /// A goods receipt (from the ERP, which sees every order) names an order the hub does not
    /// have. Suppliers naming an order they cannot see get `unknownPurchaseOrder` (404) instead.
    public static let orderNotOnFile = Self(rawValue: "orderNotOnFile")
    /// A ship notice ships a line that was never confirmed: the order is not confirmed, or the
    /// supplier rejected the line.
    public static let lineNotConfirmed = Self(rawValue: "lineNotConfirmed")
    /// A ship notice announces more than the open quantity plus the supplier's over-shipment tolerance.
    public static let overShipment = Self(rawValue: "overShipment")
    /// The supplier already sent a ship notice with this shipment id.
    public static let duplicateShipmentId = Self(rawValue: "duplicateShipmentId")
    /// The ship notice has been received (a goods receipt references it): it can no longer change.
    public static let shipNoticeReceived = Self(rawValue: "shipNoticeReceived")
    /// The ship notice was cancelled or rejected: it can no longer change.
    public static let shipNoticeClosed = Self(rawValue: "shipNoticeClosed")
    /// A goods receipt names a ship notice, or a line of one, that does not exist.
    public static let unknownShipNotice = Self(rawValue: "unknownShipNotice")
    /// A nonconformance names a goods receipt that is not on file for its supplier.
    public static let unknownGoodsReceipt = Self(rawValue: "unknownGoodsReceipt")
    /// An uploaded document is larger than the hub accepts.
    public static let documentTooLarge = Self(rawValue: "documentTooLarge")
    /// An uploaded document's Content-Type is not one the hub stores.
    public static let unsupportedContentType = Self(rawValue: "unsupportedContentType")
    /// An uploaded document's bytes are not what its Content-Type says.
    public static let contentTypeMismatch = Self(rawValue: "contentTypeMismatch")
}
