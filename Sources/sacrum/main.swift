import SacrumCLI

await SacrumMain.run()
