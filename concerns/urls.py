app_name = "concerns"

urlpatterns = []
