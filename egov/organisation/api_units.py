from ninja import Router

router = Router(tags=["administrative units"])
