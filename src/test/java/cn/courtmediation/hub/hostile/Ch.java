package cn.courtmediation.hub.hostile;

/** The submission channels of the corpus: the REST intake, the SOAP CaseExchange service, a partner's AMQP to-hub address. */
enum Ch { REST, SOAP, AMQP }
