from st2common.runners.base_action import Action


class Datastore(Action):
    def run(self):
        svc = self.action_service
        svc.set_value("counter", 41)
        svc.set_value("shared", "global", local=False)
        got = svc.get_value("counter")
        shared = svc.get_value("shared", local=False)
        missing = svc.get_value("missing")
        names = [kv.name for kv in svc.list_values()]
        deleted = svc.delete_value("counter")
        deleted_again = svc.delete_value("counter")
        try:
            svc.get_value("x", scope="user")
            scope_error = None
        except ValueError as e:
            scope_error = str(e)
        return {"got": got, "shared": shared, "missing": missing, "names": names,
                "deleted": deleted, "deleted_again": deleted_again, "scope_error": scope_error}
