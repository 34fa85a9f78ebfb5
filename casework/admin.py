from django.contrib import admin

from .models import Category, Locality


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "latitude", "longitude", "contact_name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
