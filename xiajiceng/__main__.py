from xiajiceng.cli.boundary import run

run()
