// Contract sources (files, URLs, a broker) and credentials are part of verifying: `import AccordVerifier` brings them.
@_exported import AccordClient
