import AccordCLI

await AccordCommand.runMain()
