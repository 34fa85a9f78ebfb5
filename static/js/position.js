/* "Use my position" on the report form: fills latitude and longitude from
   the browser's geolocation. Progressive enhancement: without JavaScript or
   geolocation the button stays hidden and the two fields are typed in. */
(function () {
  "use strict";
  var tools = document.getElementById("position-tools");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  if (!tools || !latitude || !longitude || !("geolocation" in navigator)) { return; }
  var button = tools.querySelector("button");
  var status = tools.querySelector("[role=status]");
  tools.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = tools.dataset.waiting;
    navigator.geolocation.getCurrentPosition(function (position) {
      latitude.value = position.coords.latitude.toFixed(6);
      longitude.value = position.coords.longitude.toFixed(6);
      status.textContent = tools.dataset.done;
      button.disabled = false;
    }, function () {
      status.textContent = tools.dataset.failed;
      button.disabled = false;
    }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  });
})();
