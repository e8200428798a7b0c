from xiajiceng.entry import run

run()
