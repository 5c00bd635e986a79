/// What the group-commit writer has done since start: its transactions, the interactions they held, and
/// the wall time spent in them. Batches/interactions is the mean batch size; busy time per second near 1
/// means the single writer is the limit.
public struct GroupCommitTotals: Sendable, Equatable {
    /// Transactions written (one fsync each).
    public let batches: Int
    /// Interactions in those transactions.
    public let interactions: Int
    /// Seconds the writer spent running transactions.
    public let busySeconds: Double
}
