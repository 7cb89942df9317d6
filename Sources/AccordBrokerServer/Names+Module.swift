import AccordBroker

/// AccordModel has a `Pacticipant` too (a contract's consumer or provider name); here it is the broker's.
typealias Pacticipant = AccordBroker.Pacticipant
