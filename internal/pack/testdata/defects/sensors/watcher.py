class Watcher(object):
    pass
